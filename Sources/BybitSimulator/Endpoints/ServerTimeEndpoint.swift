/// `GET /v5/market/time`: the server clock in seconds and nanoseconds (strings) plus the
/// usual `time` in milliseconds. Ignores every parameter.
enum ServerTimeEndpoint {
    static func respond(now: SimulatorTime) -> EndpointReply {
        let body = ResponseEnvelope.success(retMsg: "success", time: now.millisecondsSinceEpoch, capacity: 160) { writer in
            writer.key("timeSecond")
            writer.quotedInteger(now.secondsSinceEpoch)
            writer.key("timeNano")
            writer.quotedInteger(now.nanosecondsSinceEpoch)
        }
        return EndpointReply(status: 200, retCode: 0, body: body)
    }
}
