// SenML (RFC 8428) parsing, validation and record resolution
export {};
