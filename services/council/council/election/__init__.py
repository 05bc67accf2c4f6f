"""C3 Valg til integrationsrådet: election every 4 years: candidates, voters, secret ballot, count, recommendation."""
