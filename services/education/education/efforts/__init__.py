"""Special language efforts per case: sprogpraktik, virksomhedsdansk, støtteundervisning, turbodansk (E3)."""
