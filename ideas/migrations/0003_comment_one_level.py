"""One level of replies: a reply's parent is a top-level comment on the same idea/process
(ideas.models.Comment); concurrent writers cannot get around it."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("ideas", "0002_initial")]

    operations = [
        migrations.RunSQL(
            """
            CREATE FUNCTION ideas_comment_one_level() RETURNS trigger AS $$
            DECLARE
                parent_row ideas_comment%ROWTYPE;
            BEGIN
                IF NEW.parent_id IS NULL THEN
                    RETURN NEW;
                END IF;
                SELECT * INTO parent_row FROM ideas_comment WHERE id = NEW.parent_id;
                IF parent_row.parent_id IS NOT NULL THEN
                    RAISE EXCEPTION 'comment % replies to a reply', NEW.id
                        USING ERRCODE = 'check_violation';
                END IF;
                IF parent_row.process_id <> NEW.process_id
                   OR parent_row.idea_id IS DISTINCT FROM NEW.idea_id THEN
                    RAISE EXCEPTION 'comment % replies to a comment elsewhere', NEW.id
                        USING ERRCODE = 'check_violation';
                END IF;
                RETURN NEW;
            END;
            $$ LANGUAGE plpgsql;
            CREATE TRIGGER ideas_comment_one_level
                BEFORE INSERT OR UPDATE OF parent_id, idea_id, process_id
                ON ideas_comment
                FOR EACH ROW EXECUTE FUNCTION ideas_comment_one_level();
            """,
            reverse_sql="""
            DROP TRIGGER ideas_comment_one_level ON ideas_comment;
            DROP FUNCTION ideas_comment_one_level();
            """,
        ),
    ]
