extension MarketSamplesConformanceTests {
    static let orderBook = """

          symbol: "BTCUSDT"
          bids:
            [0]
              price: 65485.47
              size: 47.081829
          asks:
            [0]
              price: 65557.7
              size: 16.606555
          timestamp: 1716863719031
          updateID: 230704
          sequence: 1432604333
          matchingEngineTime: 1716863718905
          serverTime: 1716863719382
        """

    static let optionTicker = """

          category: option
          tickers:
            [0]
              symbol: "BTC-30DEC22-18000-C"
              lastPrice: 435
              bid1Price: 0
              bid1Size: 0
              ask1Price: 435
              ask1Size: 0.66
              prevPrice24h: nil
              price24hPcnt: nil
              highPrice24h: 435
              lowPrice24h: 165
              turnover24h: 2482.73
              volume24h: 0.15
              usdIndexPrice: nil
              indexPrice: 16600.55
              markPrice: 0.00000009
              prevPrice1h: nil
              openInterest: 6.3
              openInterestValue: nil
              fundingRate: nil
              nextFundingTime: nil
              fundingIntervalHours: nil
              fundingCap: nil
              predictedDeliveryPrice: 0
              basis: nil
              basisRate: nil
              basisRateYear: nil
              deliveryFeeRate: nil
              deliveryTime: nil
              otherFields:
                ask1Iv: "5"
                bid1Iv: "0"
                change24h: "86"
                delta: "0.00000001"
                gamma: "0.00000001"
                markIv: "0.7567"
                theta: "-0.00000152"
                totalTurnover: "1967653"
                totalVolume: "99"
                underlyingPrice: "16590.42"
                vega: "0.00000004"
          serverTime: 1672376592395
        """

    static let spotTicker = """

          symbol: "BTCUSDT"
          lastPrice: 20533.13
          bid1Price: 20517.96
          bid1Size: 2
          ask1Price: 20527.77
          ask1Size: 1.862172
          prevPrice24h: 20393.48
          price24hPcnt: 0.0068
          highPrice24h: 21128.12
          lowPrice24h: 20318.89
          turnover24h: 243765620.65899866
          volume24h: 11801.27771
          usdIndexPrice: 20784.12009279
          indexPrice: nil
          markPrice: nil
          prevPrice1h: nil
          openInterest: nil
          openInterestValue: nil
          fundingRate: nil
          nextFundingTime: nil
          fundingIntervalHours: nil
          fundingCap: nil
          predictedDeliveryPrice: nil
          basis: nil
          basisRate: nil
          basisRateYear: nil
          deliveryFeeRate: nil
          deliveryTime: nil
          otherFields: [:]
        """

    static let accountRatio = """

          rows:
            [0]
              symbol: "BTCUSDT"
              buyRatio: 0.4927
              sellRatio: 0.5073
              timestamp: 1696258800000
            [1]
              symbol: "BTCUSDT"
              buyRatio: 0.49
              sellRatio: 0.51
              timestamp: 1696262400000
          nextPageCursor: "lastid%3D0%26lasttime%3D1696258800"
          serverTime: 1731567491688
        """

    static let inverseTicker = """

          category: inverse
          tickers:
            [0]
              symbol: "BTCUSD"
              lastPrice: 120635.50
              bid1Price: 103401.00
              bid1Size: 1063
              ask1Price: 109152.80
              ask1Size: 9854
              prevPrice24h: 105595.90
              price24hPcnt: 0.142425
              highPrice24h: 131309.30
              lowPrice24h: 102007.60
              turnover24h: 115.6907
              volume24h: 13713832.0000
              usdIndexPrice: nil
              indexPrice: 114890.92
              markPrice: 114898.43
              prevPrice1h: 119806.10
              openInterest: 240113967
              openInterestValue: 2089.79
              fundingRate: 0.0001
              nextFundingTime: 1760371200000
              fundingIntervalHours: 8
              fundingCap: 0.005
              predictedDeliveryPrice: nil
              basis: nil
              basisRate: nil
              basisRateYear: nil
              deliveryFeeRate: nil
              deliveryTime: nil
              otherFields:
                curPreListingPhase: ""
                preOpenPrice: ""
                preQty: ""
          serverTime: 1760352369814
        """

    static let openInterest = """

          symbol: "BTCUSD"
          category: inverse
          rows:
            [0]
              openInterest: 63942311.00000000
              singleOpenInterest: 31971156
              timestamp: 1780617600000
            [1]
              openInterest: 63942311.00000000
              singleOpenInterest: 31971156
              timestamp: 1780704000000
            [2]
              openInterest: 63910691.00000000
              singleOpenInterest: 31955346
              timestamp: 1780790400000
            [3]
              openInterest: 63910691.00000000
              singleOpenInterest: 31955346
              timestamp: 1780876800000
            [4]
              openInterest: 63910691.00000000
              singleOpenInterest: 31955346
              timestamp: 1780963200000
          nextPageCursor: "lastid%3D19408935%26lasttime%3D1780617600"
          serverTime: 1780994051392
        """

    static let recentTrade = """

          category: spot
          trades:
            [0]
              executionID: "2100000000007764263"
              symbol: "BTCUSDT"
              price: 16618.49
              size: 0.00012
              side: Buy
              time: 1672052955758
              isBlockTrade: false
              isRPITrade: true
              sequence: "123456"
              markPrice: nil
              indexPrice: nil
              markIV: nil
              iv: nil
          serverTime: 1672053054358
        """

    static let funding = """

          category: linear
          rates:
            [0]
              symbol: "ETHPERP"
              fundingRate: 0.0001
              timestamp: 1672041600000
          serverTime: 1672051897447
        """

}
