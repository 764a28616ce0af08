-- Typed Teams messages from many people, for wrk (crosscheck.sh runs it; LuaJIT, as Debian's wrk is built).
--
--   wrk ... -s chatter.lua http://127.0.0.1:<bot port> -- <texts.tsv> <service URL> <people> <threads> [turns/s]
--
-- Each request is a message activity as Teams posts it to /api/messages (channel msteams, a personal chat, no
-- Authorization header: a bot without an app id), from one of <people> people, each with their own id and
-- conversation, taken in turn by each wrk thread (its own share of the people), so with fewer connections than
-- people nobody has two turns in flight. The text is drawn from the third column of <texts.tsv> (the intent
-- evaluation set the Java harness's chatter uses: everyday requests, greetings, thanks, privacy questions).
-- Replies go to <service URL> (nginx).
--
-- <threads> is wrk's -t. With [turns/s], every thread sends at that rate divided by the threads: each request takes the next
-- slot of a fixed schedule and waits for it (wrk's delay()). wrk measures latency from the send, so a request
-- sent after its slot (every connection was still waiting for an answer) would hide that wait: such late sends
-- are counted and reported ("late"), and a window with any is not a fixed-rate figure.

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } blackbox_timespec;
  int clock_gettime(int clock, blackbox_timespec *now);
]]
local timespec = ffi.new("blackbox_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, timespec) -- CLOCK_MONOTONIC
  return tonumber(timespec.tv_sec) * 1000 + tonumber(timespec.tv_nsec) / 1e6
end

local threads = {}
local thread_count = 0

function setup(thread)
  thread:set("index", thread_count)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end

local function json(text)
  return (text:gsub('[%c"\\]', function(c)
    if c == '"' then return '\\"' end
    if c == "\\" then return "\\\\" end
    return string.format("\\u%04x", c:byte())
  end))
end

local texts = {}
local service_url, people, threads_total, rate
local person, turn = 0, 0
local slot_ms, next_slot
late, latest_ms = 0, 0

function init(args)
  local file = assert(io.open(args[1], "r"), "cannot read " .. tostring(args[1]))
  for line in file:lines() do
    local intent, spelling, text = line:match("^([^\t#][^\t]*)\t([^\t]*)\t([^\t]+)")
    if text then
      table.insert(texts, json(text))
    end
  end
  file:close()
  assert(#texts > 0, "no texts in " .. args[1])
  service_url = json(args[2])
  people = tonumber(args[3])
  threads_total = tonumber(args[4])
  rate = tonumber(args[5] or "0")
  -- this thread's people: index, index + threads, ... (index is set by setup())
  person = index
  math.randomseed(1000 + index)
  if rate > 0 then
    slot_ms = 1000 * threads_total / rate
  end
end

local headers = { ["Content-Type"] = "application/json" }

function request()
  turn = turn + 1
  local id = "bb-" .. person
  person = person + threads_total
  if person >= people then
    person = index
  end
  local body = '{"type":"message","id":"act-' .. id .. '-' .. turn .. '",'
      .. '"timestamp":"2026-11-30T09:00:00.000Z","channelId":"msteams",'
      .. '"serviceUrl":"' .. service_url .. '","locale":"en-GB",'
      .. '"from":{"id":"29:user-' .. id .. '","name":"Person ' .. id .. '","aadObjectId":"aad-' .. id .. '"},'
      .. '"recipient":{"id":"28:signpost-bot","name":"Signpost"},'
      .. '"conversation":{"id":"a:chat-' .. id .. '","conversationType":"personal","tenantId":"tenant-1"},'
      .. '"channelData":{"tenant":{"id":"tenant-1"}},'
      .. '"text":"' .. texts[math.random(#texts)] .. '"}'
  return wrk.format("POST", "/api/messages", headers, body)
end

function delay()
  if not slot_ms then
    return 0
  end
  local now = now_ms()
  if not next_slot then
    next_slot = now
  end
  local slot = next_slot
  next_slot = next_slot + slot_ms
  local wait = slot - now
  if wait < -1 then
    late = late + 1
    if -wait > latest_ms then
      latest_ms = -wait
    end
  end
  return math.max(0, math.floor(wait + 0.5))
end

function done(summary, latency, requests)
  local late_total, latest = 0, 0
  for _, thread in ipairs(threads) do
    late_total = late_total + (thread:get("late") or 0)
    latest = math.max(latest, thread:get("latest_ms") or 0)
  end
  local e = summary.errors
  io.write(string.format(
      "RESULT requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d connect_errors=%d read_errors=%d "
          .. "write_errors=%d timeouts=%d status_errors=%d late=%d latest_ms=%.1f\n",
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99),
      latency.max, e.connect, e.read, e.write, e.timeout, e.status, late_total, latest))
end
