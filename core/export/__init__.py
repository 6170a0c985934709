"""Exports: a workspace in, bytes out (JSON backup, Word, PowerPoint, Excel). Never writes the store,
except `backup.replace_workspace`, `restore_copy` and `restore_new`, which import a backup."""
