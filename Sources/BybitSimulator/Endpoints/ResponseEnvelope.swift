/// Bybit's response envelope: `{"retCode":…,"retMsg":…,"result":…,"retExtInfo":{},"time":…}`.
///
/// Every JSON body the simulator writes goes through here, so every one carries `time`
/// (server milliseconds) and the keys in the order Bybit sends them.
enum ResponseEnvelope {
    /// The body of a business error, e.g.
    /// `{"retCode":10001,"retMsg":"Not supported symbols","result":{},"retExtInfo":{},"time":1726147060461}`.
    static func error(_ error: ExchangeError, time: Int64) -> [UInt8] {
        var writer = JSONWriter(capacity: 128)
        writer.beginObject()
        writer.key("retCode")
        writer.integer(error.retCode)
        writer.field("retMsg", error.retMsg)
        writer.key("result")
        if error.nullResult {
            writer.null()
        } else {
            writer.beginObject()
            writer.endObject()
        }
        writeTrailer(&writer, time: time)
        return writer.bytes
    }

    /// A success body whose `result` object's members `writeResult` writes.
    static func success(
        retMsg: String, time: Int64, capacity: Int = 256, writeResult: (inout JSONWriter) -> Void
    ) -> [UInt8] {
        var writer = JSONWriter(capacity: capacity)
        writer.beginObject()
        writer.key("retCode")
        writer.integer(0)
        writer.field("retMsg", retMsg)
        writer.key("result")
        writer.beginObject()
        writeResult(&writer)
        writer.endObject()
        writeTrailer(&writer, time: time)
        return writer.bytes
    }

    private static func writeTrailer(_ writer: inout JSONWriter, time: Int64) {
        writer.key("retExtInfo")
        writer.beginObject()
        writer.endObject()
        writer.key("time")
        writer.integer(time)
        writer.endObject()
    }
}
