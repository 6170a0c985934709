"""Exports: a workspace in, bytes out (JSON backup, Word, PowerPoint, Excel). Never writes the store,
except `backup.restore_workspace`, which imports a backup."""
