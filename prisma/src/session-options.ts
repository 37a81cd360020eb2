// PostgreSQL session settings of the server's connection pools.

/**
 * Settings of every session the server opens on PostgreSQL (primary and replicas; an `options`
 * parameter in the URL replaces them). No parallel query: the API's statements read a few
 * thousand rollup rows each, many at once, on a few cores; a parallel plan (which PostgreSQL picks
 * once a statement's estimated cost passes ~1,000, e.g. a comparison's two periods in one
 * statement) starts worker processes for every execution, which cost more than they save
 * (10–16 ms against 2 ms for a province's communes over two years) and take cores from the other
 * requests. Prepared statements (statement-names.ts) are planned for their parameters each time,
 * never with a generic plan.
 */
export const SESSION_OPTIONS =
  "-c max_parallel_workers_per_gather=0 -c plan_cache_mode=force_custom_plan";
