// Series storage layout on Spin key-value: immutable segments, bucket indexes, queries
export {};
