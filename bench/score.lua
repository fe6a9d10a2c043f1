-- wrk script: POST /api/v1/instruments/{key}/score with a fixed JSON body (public, stateless).
--
--   wrk -t2 -c64 -d10s --latency -s bench/score.lua http://127.0.0.1:PORT
--   wrk -t2 -c64 -d10s --latency -s bench/score.lua http://127.0.0.1:PORT -- gad7 '{"items":[1,1,1,1,1,1,1]}'
--
-- Without arguments: PHQ-9 with {"items":[1,2,0,1,3,0,1,2,1]} (issue 5's example). The request
-- is built once per wrk thread (no request() or response() function, so wrk does not call into
-- Lua per request and the load generator costs about as much as for a plain GET).

function init(args)
   local instrument = args[1] or "phq9"
   wrk.method = "POST"
   wrk.path = "/api/v1/instruments/" .. instrument .. "/score"
   wrk.headers["Content-Type"] = "application/json"
   wrk.body = args[2] or '{"items":[1,2,0,1,3,0,1,2,1]}'
end
