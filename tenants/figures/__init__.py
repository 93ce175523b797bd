"""The member's figures and open data (runs in the member's schema): a room above the member's
apps, which it reads; nothing imports it but the network's crossing functions and sweep
(network/aggregation) and the URLconf. Not an installed app: no table, no template."""
