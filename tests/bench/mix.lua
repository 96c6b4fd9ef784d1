-- wrk script for tests/bench/signups.py: a mix of paths (the arguments after the URL),
-- each connection going through them in turn from its own starting point, and a count of
-- the answers that came from the page cache (Django's cache middleware adds `Age` to
-- those). One parseable line per run, as report.lua prints, plus hits= and responses=.
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for index = 1, #args do
    paths[index] = args[index]
  end
  next_path = (id * 7) % #paths
  hits = 0
  responses = 0
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end

function response(status, headers, body)
  responses = responses + 1
  if headers["Age"] or headers["age"] then
    hits = hits + 1
  end
end

done = function(summary, latency, requests)
  local hits, responses = 0, 0
  for _, thread in ipairs(threads) do
    hits = hits + thread:get("hits")
    responses = responses + thread:get("responses")
  end
  local errors = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%.0f p95_us=%.0f p99_us=%.0f "
      .. "connect=%d read=%d write=%d status=%d timeout=%d hits=%d responses=%d\n",
    summary.requests,
    summary.duration,
    latency:percentile(50),
    latency:percentile(95),
    latency:percentile(99),
    errors.connect,
    errors.read,
    errors.write,
    errors.status,
    errors.timeout,
    hits,
    responses
  ))
end
