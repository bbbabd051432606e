"""What the bot shows for each feature: HTML messages and their keyboards."""
