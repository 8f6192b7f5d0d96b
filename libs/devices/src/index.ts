// Device registry and token authentication on Spin key-value
export {};
