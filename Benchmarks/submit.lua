-- wrk script: POST pre-generated signed submissions, one JSON body per line of the file given as the first
-- script argument; each thread takes every Nth line (N: second argument) so no two requests repeat until the
-- file is used up. Prints one RESULT line for the benchmark script to read.
local threads = {}
local count = 0

function setup(thread)
  thread:set("id", count)
  count = count + 1
  table.insert(threads, thread)
end

local bodies = {}
local stride = 1
local next_index = 0
local headers = { ["Content-Type"] = "application/json" }

function init(args)
  stride = tonumber(args[2]) or 1
  local index = 0
  for line in io.lines(args[1]) do
    if index % stride == id then table.insert(bodies, line) end
    index = index + 1
  end
end

function request()
  next_index = next_index % #bodies + 1
  return wrk.format("POST", "/v1/submissions", headers, bodies[next_index])
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_us=%d non2xx=%d socket_errors=%d p50_us=%d p99_us=%d\n",
    summary.requests, summary.duration, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(99)))
end
