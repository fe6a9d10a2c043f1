-- wrk script: GET /api/v1/citizens/{id} with id drawn uniformly from 1..N.
--
--   wrk -t2 -c64 -d10s --latency -s bench/random_citizen.lua http://127.0.0.1:PORT -- N
--
-- N comes from the script arguments (after `--`) or else from the environment variable
-- BENCH_CITIZENS. Each wrk thread has its own Lua state; setup() gives each one a number so
-- that the threads draw different sequences. No response() function: defining one makes wrk
-- call into Lua for every response, which would cost the load generator CPU it shares with
-- the server.

local counter = 0

function setup(thread)
   counter = counter + 1
   thread:set("thread_no", counter)
end

function init(args)
   n = tonumber(args[1] or os.getenv("BENCH_CITIZENS") or "")
   if n == nil or n < 1 then
      error("random_citizen.lua: give the number of citizens as `-- N` or BENCH_CITIZENS")
   end
   n = math.floor(n)
   math.randomseed(os.time() * 1000 + (thread_no or 0))
end

request = function()
   return wrk.format("GET", "/api/v1/citizens/" .. math.random(1, n))
end
