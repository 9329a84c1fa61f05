-- wrk script: POST one request creation per call.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"client_id": 1, "subject": "至急：価格表記の修正をお願いします"}'
