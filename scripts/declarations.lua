-- wrk script for scripts/bench-declarations: POSTs entry health declarations, each a traveller
-- with a different name and passport number, as phones and the web form send them.
local counter = 0
threads_seen = {}

function setup(thread)
  thread:set("id", #threads_seen + 1)
  table.insert(threads_seen, thread)
end

function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  math.randomseed(os.time() * 16 + id)
end

function request()
  counter = counter + 1
  local passport = string.format("B%07d", (id * 1000000 + counter) % 10000000)
  local body = string.format([[{"answers":{"port_of_entry":"han","transport":"air","transport_number":"VN55","seat":"12A",
"departure_country":"KR","departure_date":"%s","arrival_date":"%s","countries_visited":["KR"],"full_name":"TRAVELLER %d %d",
"birth_date":"1990-05-17","sex":"female","nationality":"KR","document_number":"%s","stay_place":{"province":"01","ward":"00070"},
"stay_street":"12 Hang Bac","phone":"0912345678","symptoms":[],"contact_case":false,"contact_affected_country":false,
"live_animal_market":false,"vaccination":"full"}}]], os.getenv("TODAY"), os.getenv("TODAY"), id, counter, passport)
  return wrk.format(nil, "/api/v1/declarations/entry", nil, body)
end

function response(status, headers, body)
  if status ~= 201 then
    print("unexpected status " .. status .. ": " .. body)
  end
end
