-- wrk script for scripts/bench-checkins: POSTs check-ins at the venue of $CHECKIN_QR, each from
-- its own app device id (so the per-device flood limit never trips), as phones scanning a poster.
local counter = 0
local thread_id = 0
threads_seen = {}

function setup(thread)
  thread:set("id", #threads_seen + 1)
  table.insert(threads_seen, thread)
end

function init(args)
  thread_id = id
  -- Each run and thread draws its own device ids, so a second run does not re-scan the first's.
  math.randomseed(os.time() * 16 + id)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  counter = counter + 1
  local body = string.format('{"qr":"%s","deviceId":"bench-%d-%d-%d"}', os.getenv("CHECKIN_QR"), thread_id, counter, math.random(1, 1000000000))
  return wrk.format(nil, "/api/v1/checkins", nil, body)
end

function response(status, headers, body)
  if status ~= 201 then
    print("unexpected status " .. status .. ": " .. body)
  end
end
