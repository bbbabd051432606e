"""What a clause says: its dates, its units and the documents it cites."""
