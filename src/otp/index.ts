// The alisms/otp entry; filled in by the otp capability.
export {};
