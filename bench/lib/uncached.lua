-- wrk script: the same listing under a different cache key on every request, so neither nginx's
-- microcache nor the worker's one-second listing cache answers it and every request runs its
-- queries. Search keeps only letters and digits, so punctuation after the words (a request
-- counter written in the four marks , . ; !) changes the text the caches key on but not the
-- search. A path without q= gets a q= of punctuation only, which searches for nothing.
-- Usage: wrk -s bench/lib/uncached.lua ... 'http://host/books?q=lantern'
local counter = 0
local marks = { "%2C", "%2E", "%3B", "%21" }

local function noise(n)
  local out = "%20"
  repeat
    local digit = n % 4
    out = out .. marks[digit + 1]
    n = (n - digit) / 4
  until n == 0
  return out
end

init = function(args)
  -- Threads start far apart, so two of them never send the same key.
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
  counter = math.random(0, 1000000000)
end

request = function()
  counter = counter + 1
  local path = wrk.path
  local _, q_end = path:find("[?&]q=[^&]*")
  if q_end then
    path = path:sub(1, q_end) .. noise(counter) .. path:sub(q_end + 1)
  else
    path = path .. (path:find("?", 1, true) and "&" or "?") .. "q=" .. noise(counter)
  end
  return wrk.format(nil, path)
end
