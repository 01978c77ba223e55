extension MarketCommandsTests {
    /// The documents of ``cases`` at `CLI.frozenNow` (2024-06-03T12:00:30Z).
    static let expected: [String: String] = [
        "ticker": """
            symbol,last_price,bid1_price,ask1_price,price_24h_pcnt,high_price_24h,low_price_24h,volume_24h,turnover_24h,mark_price,index_price,open_interest,funding_rate,next_funding_time,next_funding_time_utc
            BTCUSDT,54630.90,54630.80,54631.00,-0.099709,60720.60,54432.80,117848.841,6775137649.6495,54631.80,54632.20,41934.761,0.000084,1717430400000,2024-06-03T16:00:00Z
            ETHUSDT,2592.99,2592.98,2593.00,-0.00823,2666.42,2568.24,1107037.71,2871797906.6221,2593.45,2593.00,482476.3,0.000071,1717430400000,2024-06-03T16:00:00Z

            """,
        "ticker-spot-table": """
            SYMBOL    LAST PRICE  BID1 PRICE  ASK1 PRICE  PRICE 24H PCNT  HIGH PRICE 24H  LOW PRICE 24H    VOLUME 24H        TURNOVER 24H
            BTCUSDT     56751.23    56751.22    56751.24         -0.0451        61184.55       55149.40  29743.974516  1738426857.3043455
            DOGEUSDT     0.06128     0.06127     0.06129          0.0493         0.06358        0.05823   432081535.3   26776851.84042352
            ETHBTC      0.020413    0.020412    0.020414          0.0089        0.020463       0.019917     4813.2281         97.04225147
            ETHUSDT      2637.96     2637.95     2637.97          0.0558         2651.62        2494.90   243873.3493  632180403.52997826
            SOLUSDT       169.93      169.92      169.94         -0.0213          175.51         165.83   1255883.437  214360452.65866993
            XRPUSDT       0.9182      0.9181      0.9183          0.0129          0.9370         0.8944   67041214.83    62086975.6973723
            ZECUSDT        52.68       52.67       52.69          0.0351           52.78          49.72     5304.1386     268367.44344047

            """,
        "orderbook": """
            SIDE  LEVEL     PRICE   SIZE
            ask       3  54631.20  0.934
            ask       2  54631.10  2.809
            ask       1  54631.00  2.769
            bid       1  54630.80   1.04
            bid       2  54630.70  3.246
            bid       3  54630.60  1.957

            """,
        "trades": """
            [
              {"time":1717416029613,"side":"Buy","price":"56753.62","size":"0.01409","exec_id":"2117174160296131"},
              {"time":1717416029635,"side":"Sell","price":"56751.69","size":"0.014092","exec_id":"2117174160296352"},
              {"time":1717416030000,"side":"Sell","price":"56751.23","size":"0.172746","exec_id":"2117174160300000"}
            ]

            """,
        "funding": """
            time,time_utc,symbol,funding_rate
            1717200000000,2024-06-01T00:00:00Z,ETHUSDT,0.000088
            1717228800000,2024-06-01T08:00:00Z,ETHUSDT,0.000082
            1717257600000,2024-06-01T16:00:00Z,ETHUSDT,0.000098
            1717286400000,2024-06-02T00:00:00Z,ETHUSDT,0.000112
            1717315200000,2024-06-02T08:00:00Z,ETHUSDT,0.000119
            1717344000000,2024-06-02T16:00:00Z,ETHUSDT,0.000121
            1717372800000,2024-06-03T00:00:00Z,ETHUSDT,0.000116

            """,
        "open-interest": """
            TIME                        OPEN INTEREST  SINGLE OPEN INTEREST
            2024-06-01T00:00:00Z  1197556732.00000000             598778366
            2024-06-02T00:00:00Z  1359073929.00000000             679536964
            2024-06-03T00:00:00Z   937445368.00000000             468722684

            """,
        "ratio": """
            [
              {"time":1717329600000,"symbol":"BTCUSDT","buy_ratio":"0.4214","sell_ratio":"0.5786"},
              {"time":1717344000000,"symbol":"BTCUSDT","buy_ratio":"0.4671","sell_ratio":"0.5329"},
              {"time":1717358400000,"symbol":"BTCUSDT","buy_ratio":"0.4302","sell_ratio":"0.5698"},
              {"time":1717372800000,"symbol":"BTCUSDT","buy_ratio":"0.4483","sell_ratio":"0.5517"}
            ]

            """,
        "instruments": """
            symbol,status,base_coin,quote_coin,contract_type,launch_time,launch_time_utc,delivery_time,delivery_time_utc,tick_size,qty_step,min_order_qty,max_order_qty
            BTCUSD,Trading,BTC,USD,InversePerpetual,1542240000000,2018-11-15T00:00:00Z,,,0.50,1,1,1000000
            ETHUSD,Trading,ETH,USD,InversePerpetual,1548115200000,2019-01-22T00:00:00Z,,,0.05,1,1,1000000
            XRPUSD,Trading,XRP,USD,InversePerpetual,1548115200000,2019-01-22T00:00:00Z,,,0.0001,1,1,1000000

            """,
    ]
}

extension PriceFetchCommandTests {
    static let mark = """
        symbol,start,start_utc,open,high,low,close,closed
        BTCUSDT,1717412400000,2024-06-03T11:00:00Z,54554.50,54896.60,54431.90,54794.90,true
        BTCUSDT,1717416000000,2024-06-03T12:00:00Z,54794.90,54839.00,54628.70,54631.80,false
        ETHUSDT,1717412400000,2024-06-03T11:00:00Z,2580.40,2601.34,2580.12,2594.68,true
        ETHUSDT,1717416000000,2024-06-03T12:00:00Z,2594.68,2594.69,2593.42,2593.45,false

        """
    static let premium = """
        [
          {"symbol":"BTCUSDT","start":1717200000000,"open":"0.000155","high":"0.000205","low":"0.000139","close":"0.000171","closed":true},
          {"symbol":"BTCUSDT","start":1717286400000,"open":"0.000171","high":"0.000202","low":"0.000047","close":"0.000066","closed":true}
        ]

        """
}
