/**
 * How often Elasticsearch makes newly indexed events searchable. Half a second keeps a record
 * searchable within 2 s of being produced at 1,000 records/s on a small machine (bench:freshness);
 * a longer interval makes fewer, larger segments, for clusters that ingest far more.
 */
export const DEFAULT_REFRESH_INTERVAL = "500ms";
