// The alisms/emulator entry; filled in by the emulator capability.
export {};
