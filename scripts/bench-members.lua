-- wrk script: what the islands of an event page ask for a signed-in attendee once the shared
-- page is shown (cookie from the environment): who is signed in, their place at the event
-- and their stars, in turn.
local cookie = os.getenv("CONVENE_BENCH_COOKIE")
local slug = os.getenv("CONVENE_BENCH_EVENT") or "load-event-0"
local calls = { "get_current_user", "get_attendance", "get_my_stars" }
local i = 0
request = function()
  i = i + 1
  local call = calls[(i % #calls) + 1]
  local body = call == "get_current_user" and "" or ("slug=" .. slug)
  return wrk.format("POST", "/api/" .. call, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie,
    -- What a browser sends from one of our pages; without it the server refuses (CSRF).
    ["Sec-Fetch-Site"] = "same-origin",
  }, body)
end
