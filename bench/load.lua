-- wrk script of bench/load.sh: requests the paths listed in $WRK_PATHS (space-separated) in
-- turn, counts the answers outside 2xx across all threads, and prints one summary line:
--   RESULT requests=… rps=… p50_ms=… p95_ms=… p99_ms=… non2xx=… errors=…
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for path in string.gmatch(os.getenv("WRK_PATHS") or "/", "%S+") do
    table.insert(paths, path)
  end
  index = 0
  non2xx = 0
end

function request()
  index = index % #paths + 1
  return wrk.format("GET", paths[index], { ["Accept-Language"] = "fr" })
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("non2xx")
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  io.write(string.format(
    "RESULT requests=%d rps=%.1f p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f non2xx=%d errors=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, bad, errors))
end
