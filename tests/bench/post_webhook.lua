-- wrk script: the reference for tests/bench/deliver.sh. Posts the same body the
-- engine delivers (a survey.requested message, read from BODY_FILE) to the same
-- receiver, with Standard Webhooks headers: webhook-id WEBHOOK_ID,
-- webhook-timestamp WEBHOOK_TS and webhook-signature WEBHOOK_SIG (computed by
-- deliver.sh with the subscription's secret, so the receiver's checks pass).
function init(args)
  local file = assert(io.open(os.getenv("BODY_FILE"), "rb"))
  body = file:read("*a")
  file:close()
  headers = {
    ["Content-Type"] = "application/json",
    ["User-Agent"] = "Touchpoint-Webhooks/1",
    ["webhook-id"] = os.getenv("WEBHOOK_ID"),
    ["webhook-timestamp"] = os.getenv("WEBHOOK_TS"),
    ["webhook-signature"] = os.getenv("WEBHOOK_SIG"),
  }
end

function request()
  return wrk.format("POST", nil, headers, body)
end
