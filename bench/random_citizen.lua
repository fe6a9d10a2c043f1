-- wrk script: GET /api/v1/citizens/{id} with a random id, uniformly drawn.
--
--   wrk -t2 -c64 -d10s --latency -s bench/random_citizen.lua http://127.0.0.1:PORT -- N
--   wrk -t2 -c64 -d10s --latency -s bench/random_citizen.lua http://127.0.0.1:PORT -- @FILE
--
-- `N` draws from 1..N; `@FILE` from the ids in FILE, one a line (bench/http passes the ids the
-- signed-in user may read). Without an argument, the environment variable BENCH_CITIZENS is
-- read the same way. Headers given to wrk with -H (a session cookie) go with every request.
-- Each wrk thread has its own Lua state; setup() numbers the threads so that they draw
-- different sequences. There is no response() function on purpose: defining one makes wrk call
-- into Lua for every response, which costs the load generator CPU it shares with the server.

local counter = 0

function setup(thread)
   counter = counter + 1
   thread:set("thread_no", counter)
end

function init(args)
   local spec = args[1] or os.getenv("BENCH_CITIZENS") or ""
   ids = nil
   if spec:sub(1, 1) == "@" then
      ids = {}
      local file = io.open(spec:sub(2), "r")
      if file == nil then
         error("random_citizen.lua: cannot read " .. spec:sub(2))
      end
      for line in file:lines() do
         local id = tonumber(line)
         if id ~= nil then
            ids[#ids + 1] = id
         end
      end
      file:close()
      n = #ids
   else
      n = tonumber(spec)
   end
   if n == nil or n < 1 then
      error("random_citizen.lua: give `-- N` or `-- @FILE` (or BENCH_CITIZENS) with at least one id")
   end
   n = math.floor(n)
   math.randomseed(os.time() * 1000 + (thread_no or 0))
end

request = function()
   local i = math.random(1, n)
   return wrk.format("GET", "/api/v1/citizens/" .. (ids and ids[i] or i))
end
