-- Replays requests prepared by bench/peak.py (booking POSTs with their CSRF cookie, token and
-- solved proof of work, each sent once) and counts what came back.
--
-- Arguments (after wrk's "--"): <records file> <number of wrk threads> <mode> [<done file>]
--   Records: one a line, "<kind>\t<method>\t<path>\t<header>\x1f<header>…\t<body>"; kind "book"
--   (sent once, spread over the threads) or "get" (every thread cycles through them).
--   mode "once": each thread sends its booking records, then its connections wait (delay()); the
--     first "get" record only answers wrk's check of the script before the run. A thread that has
--     had an answer to each of its records writes <done file>.<id> (bench/peak.py stops wrk when
--     every thread has). "seconds": from the first request to the last booking's answer.
--   mode "peak": each thread goes round its "get" records, a booking after each round while it
--     has some left (search, service-first page, booking page, booking, …) until wrk stops.
-- Prints "STATUS <code> <count>" (as bench/wrk.py's own script) and "REPLAY <name> <number>".
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } replay_timespec;
int clock_gettime(int clock, replay_timespec *now);
]]
local moment = ffi.new("replay_timespec")

local function now()
  ffi.C.clock_gettime(1, moment) -- CLOCK_MONOTONIC: the same clock in every thread
  return tonumber(moment.tv_sec) + tonumber(moment.tv_nsec) / 1e9
end

local threads = {}
local created = 0

function setup(thread)
  thread:set("id", created)
  created = created + 1
  table.insert(threads, thread)
end

local function split(line)
  local kind, method, path, headers, body = line:match("^(%a+)\t(%u+)\t([^\t]*)\t([^\t]*)\t(.*)$")
  local parsed = {}
  for header in headers:gmatch("[^\31]+") do
    local name, value = header:match("^([^:]+): (.*)$")
    parsed[name] = value
  end
  if body == "" then body = nil end
  return kind, wrk.format(method, path, parsed, body)
end

function init(args)
  mode = args[3]
  done_file = args[4]
  local count = tonumber(args[2])
  bookings, gets = {}, {}
  local index = 0
  for line in io.lines(args[1]) do
    local kind, request = split(line)
    if kind == "get" then
      table.insert(gets, request)
    else
      if index % count == id then table.insert(bookings, request) end
      index = index + 1
    end
  end
  statuses = {}
  sent, step, booked, form_again, redirected, other = 0, 0, 0, 0, 0, 0
  answered, started, finished, signalled = 0, 0, 0, 0
  verified = false
  records = #bookings
end

function request()
  if id == 0 and not verified then
    -- wrk calls the first thread's request() once before the run to check the script and sends
    -- nothing: hand it a GET, not a booking.
    verified = true
    return gets[1]
  end
  if started == 0 then started = now() end
  step = step + 1
  if mode == "once" then
    if sent < #bookings then
      sent = sent + 1
      return bookings[sent]
    end
    return gets[1]
  end
  local round = #gets + 1
  local position = (step - 1) % round + 1
  if position == round then
    if sent < #bookings then
      sent = sent + 1
      return bookings[sent]
    end
    position = 1
  end
  return gets[position]
end

function delay()
  -- A connection with nothing left to send ("once", every booking sent) waits until wrk is
  -- stopped instead of loading the server while other connections' bookings are measured.
  if mode == "once" and sent >= #bookings then return 600000 end
  return 0
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
  local location = headers["Location"] or headers["location"] or ""
  -- Every answer but a plain 200 (a GET's) is the answer to a booking, or an error.
  local booking = true
  if status == 302 then
    if location:find("/termine/gebucht/", 1, true) then
      booked = booked + 1
    else
      redirected = redirected + 1
    end
  elseif status == 200 then
    -- A booking that failed validation shows the booking form again, with its error summary.
    if body and body:find('class="error-summary"', 1, true) then
      form_again = form_again + 1
    else
      booking = false
    end
  else
    other = other + 1
  end
  if mode == "once" then
    if booking then
      answered = answered + 1
      finished = now()
    end
    if answered >= records and signalled == 0 and done_file then
      signalled = 1
      local file = io.open(done_file .. "." .. id, "w")
      file:write("done\n")
      file:close()
    end
  else
    finished = now()
  end
end

function done(summary, latency, requests)
  local total = {}
  local figures = { sent = 0, booked = 0, form_again = 0, redirected = 0, other = 0 }
  local first, last = nil, 0
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
    for name, _ in pairs(figures) do
      figures[name] = figures[name] + thread:get(name)
    end
    local began, ended = thread:get("started"), thread:get("finished")
    if began > 0 and (first == nil or began < first) then first = began end
    if ended > last then last = ended end
  end
  for status, count in pairs(total) do
    io.write(string.format("STATUS %s %d\n", status, count))
  end
  for name, value in pairs(figures) do
    io.write(string.format("REPLAY %s %d\n", name, value))
  end
  io.write(string.format("REPLAY seconds %.4f\n", first and (last - first) or 0))
end
