-- wrk report hook for tests/bench/run.py: one parseable line per run.
-- Latencies are in microseconds; summary.errors.status counts non-2xx/3xx answers.
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%.0f p95_us=%.0f p99_us=%.0f "
      .. "connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests,
    summary.duration,
    latency:percentile(50),
    latency:percentile(95),
    latency:percentile(99),
    errors.connect,
    errors.read,
    errors.write,
    errors.status,
    errors.timeout
  ))
end
