-- POST jobs as fast as the server takes them, keeping every job id it answers with, so the
-- harness can then wait for each one to finish. One thread: `done` reads that thread's ids.
wrk.method = "POST"
wrk.body = os.getenv("ATLAS_BODY")
wrk.headers["Content-Type"] = "application/json"

local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) ids, refused = {}, 0 end

function response(status, headers, body)
  local id = status == 202 and body:match('"id"%s*:%s*"([^"]+)"')
  if id then ids[#ids + 1] = id else refused = refused + 1 end
end

function done(summary, latency, requests)
  local out = io.open(os.getenv("ATLAS_IDS_FILE"), "w")
  for _, thread in ipairs(threads) do
    for _, id in ipairs(thread:get("ids")) do out:write(id, "\n") end
  end
  out:close()
  local e = summary.errors
  io.write(string.format('ATLAS {"requests": %d, "duration_us": %d, "refused": %d, "connect": %d, "read": %d, ' ..
    '"write": %d, "timeout": %d, "non_2xx_3xx": %d}\n', summary.requests, summary.duration, threads[1]:get("refused"),
    e.connect, e.read, e.write, e.timeout, e.status))
end
