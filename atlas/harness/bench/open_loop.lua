-- Open loop: every connection sends on a fixed schedule (rate / connections per second each),
-- whether or not the previous response has come back, as far as one connection allows.
-- Latency runs from the moment a request was due, not from when it was written, so a server
-- that stalls is charged for the requests it made wait (no coordinated omission). wrk's Lua
-- callbacks do not say which connection they serve, so run one connection per thread.
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } atlas_timespec;
int clock_gettime(int clk_id, atlas_timespec *tp);
]]
local clock = ffi.new("atlas_timespec")
local function now_us()
  ffi.C.clock_gettime(1, clock) -- CLOCK_MONOTONIC
  return tonumber(clock.tv_sec) * 1e6 + tonumber(clock.tv_nsec) / 1e3
end

local threads = {}
function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

function init(args)
  local rate = tonumber(os.getenv("ATLAS_RATE"))          -- requests/s over all connections
  local connections = tonumber(os.getenv("ATLAS_CONNECTIONS"))
  interval = 1e6 * connections / rate                       -- µs between two requests on this one
  due = now_us() + interval * index / connections            -- stagger the connections evenly
  latencies, bad = {}, 0
  req = wrk.format(os.getenv("ATLAS_METHOD") or "GET", nil, nil, nil)
end

function delay()
  local wait = (due - now_us()) / 1000
  return wait > 0 and math.floor(wait) or 0                  -- ms; early by < 1 ms at most
end

function request()
  sent = now_us()
  return req
end

function response(status, headers, body)
  -- On time (or a little early): from the write. Behind schedule: from when it was due.
  latencies[#latencies + 1] = now_us() - math.min(sent, due)
  if status >= 400 then bad = bad + 1 end
  due = due + interval
end

function done(summary, latency, requests)
  local all, non2xx = {}, 0
  for _, thread in ipairs(threads) do
    for _, v in ipairs(thread:get("latencies")) do all[#all + 1] = v end
    non2xx = non2xx + thread:get("bad")
  end
  table.sort(all)
  local function pct(p)
    if #all == 0 then return 0 end
    return all[math.max(1, math.ceil(#all * p / 100))]
  end
  local e = summary.errors
  io.write(string.format(
    'ATLAS {"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d, ' ..
    '"non_2xx_3xx": %d, "p50": %.1f, "p90": %.1f, "p99": %.1f, "p999": %.1f, "max": %.1f}\n',
    #all, summary.duration, e.connect, e.read, e.write, e.timeout, non2xx,
    pct(50), pct(90), pct(99), pct(99.9), pct(100)))
end
