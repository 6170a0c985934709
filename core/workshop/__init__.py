"""Workshop mode: sessions and readiness answers, text activities, who can join, the live view's charts."""
