-- wrk script: the admin console's account search, signed in as an admin (cookie from the
-- environment), cycling through searches, filters, orders and a deep keyset page.
local cookie = os.getenv("CONVENE_BENCH_COOKIE")
local bodies = {
  "q=ada&sort=email",
  "q=load-user-7&sort=newest",
  "q=grace%20hopper&sort=name",
  "status=deactivated",
  "role=admin",
  "sort=name",
  "sort=email&after=60000%3Aload-user-6@load.convene.test",
  "",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("POST", "/api/admin_list_accounts", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie,
    -- What a browser sends from one of our pages; without it the server refuses (CSRF).
    ["Sec-Fetch-Site"] = "same-origin",
  }, bodies[(i % #bodies) + 1])
end
