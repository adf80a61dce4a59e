-- wrk script for bench/flash-sale: every request is one customer pressing "Buy" on the sale, each
-- request the next customer of this thread's share of customers.txt ("SESSION CSRF" per line), so the
-- load is spread over all of them (and under the per-session rate limit).
--   FLASH_SALE     the sale's id
--   FLASH_FILE     customers.txt
--   FLASH_STOP_ON_SOLD_OUT=1   a thread stops at its first "sold out" (the selling phase)
local sale = os.getenv("FLASH_SALE")
local file = os.getenv("FLASH_FILE")
local stop_on_sold_out = os.getenv("FLASH_STOP_ON_SOLD_OUT") == "1"
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local customers, first, count, n, serial = {}, 0, 0, 0, 0
counts = {}  -- global: done() reads it from each thread

function init(args)
  for line in io.lines(file) do
    local token, csrf = line:match("^(%S+) (%S+)$")
    if token then customers[#customers + 1] = { token, csrf } end
  end
  -- This thread's share: a contiguous slice, so no two threads press for one customer at once.
  local share = math.floor(#customers / next_thread_count())
  first = id * share
  count = share
  wrk.method = "POST"
  wrk.path = "/sales/" .. sale .. "/buy"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

function next_thread_count()
  return tonumber(os.getenv("FLASH_THREADS") or "2")
end

local address = "&address_choice=new&full_name=Flash+Customer&line1=1+Rush+Lane&city=Quickton&postal_code=90210&country=US"

function request()
  local c = customers[first + (n % count) + 1]
  n = n + 1
  serial = serial + 1
  local body = "_csrf=" .. c[2] .. "&idempotency_key=k" .. id .. "x" .. serial .. address
  return wrk.format(nil, nil, { ["Cookie"] = "bf_session=" .. c[1] }, body)
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
  if stop_on_sold_out and status == 409 then wrk.thread:stop() end
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    local c = t:get("counts")
    for status, k in pairs(c) do total[status] = (total[status] or 0) + k end
  end
  local line = "statuses:"
  for status, k in pairs(total) do line = line .. " " .. status .. "=" .. k end
  io.write(line .. "\n")
end
