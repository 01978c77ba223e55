extension MarketCommandsTests {
    /// The documents of ``cases`` at `CLI.frozenNow` (2024-06-03T12:00:30Z).
    static let expected: [String: String] = [
        "ticker": """
            symbol,last_price,bid1_price,ask1_price,price_24h_pcnt,high_price_24h,low_price_24h,volume_24h,turnover_24h,mark_price,index_price,open_interest,funding_rate,next_funding_time,next_funding_time_utc
            BTCUSDT,60722.80,60722.70,60722.90,-0.095095,67149.10,60508.40,115739.169,7378004765.7393,60723.80,60724.20,41934.761,0.000084,1717430400000,2024-06-03T16:00:00Z
            ETHUSDT,2309.45,2309.44,2309.46,-0.004749,2367.59,2286.13,1121641.04,2582034854.3728,2309.62,2309.05,482476.3,0.000071,1717430400000,2024-06-03T16:00:00Z

            """,
        "ticker-spot-table": """
            SYMBOL    LAST PRICE  BID1 PRICE  ASK1 PRICE  PRICE 24H PCNT  HIGH PRICE 24H  LOW PRICE 24H    VOLUME 24H         TURNOVER 24H
            BTCUSDT     62989.58    62989.57    62989.59         -0.0425        67655.62       61264.22  29229.227132  1893094010.65865178
            DOGEUSDT     0.11716     0.11715     0.11717           0.048         0.12162        0.11145   432639718.3    51284625.19628306
            ETHBTC      0.020413    0.020412    0.020414          0.0089        0.020463       0.019917     4813.2281          97.04225147
            ETHUSDT      2347.78     2347.77     2347.79          0.0632         2358.97        2205.04  254287.37922   584506643.35665977
            SOLUSDT       286.20      286.19      286.21         -0.0235          296.47         279.45   1252590.623   360293706.39721488
            XRPUSDT       5.2303      5.2302      5.2304          0.0127          5.3398         5.0938   67561581.61   356444967.32890374
            ZECUSDT        52.68       52.67       52.69          0.0351           52.78          49.72     5304.1386      268367.44344047

            """,
        "orderbook": """
            SIDE  LEVEL     PRICE   SIZE
            ask       3  60723.10  0.934
            ask       2  60723.00  2.809
            ask       1  60722.90  2.769
            bid       1  60722.70   1.04
            bid       2  60722.60  3.246
            bid       3  60722.50  1.957

            """,
        "trades": """
            [
              {"time":1717416029613,"side":"Buy","price":"62992.13","size":"0.013877","exec_id":"2117174160296131"},
              {"time":1717416029635,"side":"Sell","price":"62990.06","size":"0.013877","exec_id":"2117174160296352"},
              {"time":1717416030000,"side":"Sell","price":"62989.58","size":"0.169963","exec_id":"2117174160300000"}
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
        BTCUSDT,1717412400000,2024-06-03T11:00:00Z,60638.50,61006.70,60507.50,60898.00,true
        BTCUSDT,1717416000000,2024-06-03T12:00:00Z,60898.00,60945.20,60720.50,60723.80,false
        ETHUSDT,1717412400000,2024-06-03T11:00:00Z,2299.53,2315.27,2299.33,2310.47,true
        ETHUSDT,1717416000000,2024-06-03T12:00:00Z,2310.47,2310.47,2309.60,2309.62,false

        """
    static let premium = """
        [
          {"symbol":"BTCUSDT","start":1717200000000,"open":"0.000155","high":"0.000205","low":"0.000139","close":"0.000171","closed":true},
          {"symbol":"BTCUSDT","start":1717286400000,"open":"0.000171","high":"0.000202","low":"0.000047","close":"0.000066","closed":true}
        ]

        """
}
