-- wrk script for scripts/bench-http: POSTs the publish bodies of $PUBLISH_BODIES, one per line,
-- each once (every body carries its own single-use certificate); threads take alternate lines.
local bodies = {}
local next_index = 1

function setup(thread)
  thread:set("id", #threads_seen + 1)
  table.insert(threads_seen, thread)
end
threads_seen = {}

function init(args)
  local count = tonumber(os.getenv("PUBLISH_THREADS") or "2")
  local line_number = 0
  for line in io.lines(os.getenv("PUBLISH_BODIES")) do
    if line_number % count == id - 1 then table.insert(bodies, line) end
    line_number = line_number + 1
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local body = bodies[next_index] or bodies[#bodies]
  next_index = next_index + 1
  return wrk.format(nil, "/api/v1/exposure/publish", nil, body)
end
