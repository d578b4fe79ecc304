/**
 * Error bodies as Elasticsearch 8.19 answers them, captured from the real node (index names
 * shortened): a search, a get and a write on an index whose shard is not allocated, and two
 * errors that asking again cannot fix. The startup block is the body a node gives before its
 * cluster state is recovered.
 */
export const searchWithoutShard = {
  status: 503,
  body: {
    error: {
      root_cause: [{ type: "no_shard_available_action_exception", reason: null }],
      type: "search_phase_execution_exception",
      reason: "all shards failed",
      phase: "query",
      grouped: true,
      failed_shards: [
        {
          shard: 0,
          index: "cw-audit",
          node: null,
          reason: { type: "no_shard_available_action_exception", reason: null },
        },
      ],
    },
    status: 503,
  },
};

export const getWithoutShard = {
  status: 503,
  body: {
    error: {
      root_cause: [
        {
          type: "no_shard_available_action_exception",
          reason: "No shard available for [get [cw-audit][x]: routing [null]]",
        },
      ],
      type: "no_shard_available_action_exception",
      reason: "No shard available for [get [cw-audit][x]: routing [null]]",
    },
    status: 503,
  },
};

export const writeWithoutShard = {
  status: 503,
  body: {
    error: {
      root_cause: [
        {
          type: "unavailable_shards_exception",
          reason: "[cw-audit][0] primary shard is not active Timeout: [2s]",
        },
      ],
      type: "unavailable_shards_exception",
      reason: "[cw-audit][0] primary shard is not active Timeout: [2s]",
    },
    status: 503,
  },
};

export const stateNotRecovered = {
  status: 503,
  body: {
    error: {
      root_cause: [
        {
          type: "cluster_block_exception",
          reason: "blocked by: [SERVICE_UNAVAILABLE/1/state not recovered / initialized];",
        },
      ],
      type: "cluster_block_exception",
      reason: "blocked by: [SERVICE_UNAVAILABLE/1/state not recovered / initialized];",
    },
    status: 503,
  },
};

export const indexNotFound = {
  status: 404,
  body: {
    error: {
      root_cause: [{ type: "index_not_found_exception", reason: "no such index [cw-nothing]" }],
      type: "index_not_found_exception",
      reason: "no such index [cw-nothing]",
    },
    status: 404,
  },
};

export const unknownQuery = {
  status: 400,
  body: {
    error: {
      root_cause: [{ type: "parsing_exception", reason: "unknown query [nope]" }],
      type: "parsing_exception",
      reason: "unknown query [nope]",
      caused_by: {
        type: "named_object_not_found_exception",
        reason: "[1:18] unknown field [nope]",
      },
    },
    status: 400,
  },
};
