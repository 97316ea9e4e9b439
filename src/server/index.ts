// The alisms/server entry; filled in by the server capability.
export {};
