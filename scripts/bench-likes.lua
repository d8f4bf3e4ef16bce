-- wrk script: signed-in attendees like and unlike posts of one feed. Each thread has its own
-- half of the attendees; each (attendee, post) pair alternates like and unlike, so nearly
-- every request changes a like and its post's count.
local cookies = {}
for c in string.gmatch(os.getenv("CONVENE_BENCH_COOKIES") or "", "[^,]+") do
  table.insert(cookies, c)
end
local posts = {}
for p in string.gmatch(os.getenv("CONVENE_BENCH_POSTS") or "", "[^,]+") do
  table.insert(posts, p)
end

local threads = 0
setup = function(thread)
  thread:set("index", threads)
  threads = threads + 1
end

local i = 0
request = function()
  -- `index` and `threads` come from setup; this thread takes every other attendee.
  local mine = math.floor(#cookies / 2)
  local pairs_count = mine * #posts
  local pair = i % pairs_count
  local round = math.floor(i / pairs_count)
  i = i + 1
  local cookie = cookies[(pair % mine) * 2 + (index or 0) + 1]
  local post = posts[math.floor(pair / mine) + 1]
  local liked = (round % 2 == 0) and "true" or "false"
  return wrk.format("POST", "/api/like_post", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie,
    -- What a browser sends from one of our pages; without it the server refuses (CSRF).
    ["Sec-Fetch-Site"] = "same-origin",
  }, "slug=load-event-400&post=" .. post .. "&liked=" .. liked)
end

done = function(summary)
  io.write(string.format("non-200 answers: %d\n", summary.errors.status))
end
