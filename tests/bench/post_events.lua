-- wrk script: each request posts BATCH events (default 500) to /v1/events/batch.
-- Event ids are unique across threads and requests ("t<thread>-<n>"); each event's
-- contact is drawn uniformly from CONTACTS external ids (default 500000), so a
-- contact is seen again now and then and fatigue skips some of its firings.
-- The mix (per event): login 40 %, ticket.resolved 20 % (priority high, normal or
-- low, a third each), page.viewed 20 %, order.delivered 15 %, onboarding.completed 5 %.
-- RUN names the run, so event ids never repeat across runs on one database; KEY is
-- the ingest key sent as the bearer token.
local thread_count = 0
local threads = {}

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_index", thread_count - 1)
  table.insert(threads, thread)
end

function init(args)
  batch = tonumber(os.getenv("BATCH") or "500")
  contacts = tonumber(os.getenv("CONTACTS") or "500000")
  prefix = (os.getenv("RUN") or "r") .. "-t" .. thread_index .. "-"
  math.randomseed(1000 + thread_index)
  counter = 0
  priorities = {"high", "normal", "low"}
  headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("KEY")}
end

local function event_json()
  counter = counter + 1
  local roll = math.random(100)
  local name, properties
  if roll <= 40 then
    name, properties = "login", '{"device":"web"}'
  elseif roll <= 60 then
    name = "ticket.resolved"
    properties = '{"priority":"' .. priorities[math.random(3)] .. '","team":"support"}'
  elseif roll <= 80 then
    name, properties = "page.viewed", '{"path":"/pricing"}'
  elseif roll <= 95 then
    name, properties = "order.delivered", '{"items":3}'
  else
    name, properties = "onboarding.completed", '{"steps":5}'
  end
  return '{"id":"' .. prefix .. counter .. '","contact":"c-' .. math.random(contacts) ..
      '","name":"' .. name .. '","properties":' .. properties .. '}'
end

function request()
  local events = {}
  for i = 1, batch do events[i] = event_json() end
  local body = '{"events":[' .. table.concat(events, ",") .. ']}'
  return wrk.format("POST", "/v1/events/batch", headers, body)
end

-- Any answer but 202 is kept (the first of each thread) and printed at the end.
function response(status, headers, body)
  if status ~= 202 and not first_error then first_error = status .. " " .. string.sub(body, 1, 300) end
end

function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    local e = thread:get("first_error")
    if e then io.write("first answer other than 202: " .. e .. "\n") end
  end
end
