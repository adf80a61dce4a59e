-- The sweep of personal EPUB copies (issue #19) asks when a reader last downloaded a file: a copy not
-- downloaded for personal_copy_idle_days goes (the next download makes it again).
ALTER TABLE ebook_downloads ADD KEY ix_ebook_downloads_user_file (user_id, file_id, downloaded_at);
