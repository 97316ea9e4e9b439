// The alisms/bulk entry; filled in by the bulk capability.
export {};
