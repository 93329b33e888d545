-- Posts one pre-signed delivery on every request. BODY_FILE holds the body, SIGNATURE its
-- X-Hub-Signature value, TARGET_PATH the route. The receiver runs without exactly-once handling,
-- since the same delivery is sent again and again.
local f = assert(io.open(os.getenv("BODY_FILE"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.path = os.getenv("TARGET_PATH")
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Hub-Signature"] = os.getenv("SIGNATURE")
wrk.headers["X-Snyk-Event"] = "project_snapshot/v0"
