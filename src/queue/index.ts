// The alisms/queue entry; filled in by the queue capability.
export {};
