-- wrk script: each request answers a different invitation through POST /v1/responses.
-- Tokens come from the file named by TOKENS (one per line); wrk thread i of n takes
-- lines i, i+n, i+2n, ... and wraps around, so threads never share a token.
local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_index", thread_count - 1)
  table.insert(threads, thread)
end

function init(args)
  local index = thread_index
  local total = tonumber(os.getenv("WRK_THREADS") or "2")
  tokens = {}
  local line_number = 0
  for line in io.lines(os.getenv("TOKENS")) do
    if line_number % total == index then tokens[#tokens + 1] = line end
    line_number = line_number + 1
  end
  next_token = 1
  comments = {
    "Great support, the team answered within the hour.",
    "Setup was slow and the invoice was wrong twice.",
    "Does what we need. Reporting could be better.",
    "Trop cher pour ce que c'est, mais le support est rapide.",
    "Prima product, de onboarding ging snel.",
  }
end

function request()
  local token = tokens[next_token]
  next_token = next_token % #tokens + 1
  local score = (next_token * 7) % 11
  local body = '{"token":"' .. token .. '","answers":{"q_score":' .. score ..
      ',"q_why":"' .. comments[next_token % #comments + 1] .. '"},"complete":true}'
  return wrk.format("POST", "/v1/responses", {["Content-Type"] = "application/json"}, body)
end
