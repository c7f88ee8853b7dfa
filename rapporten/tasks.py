"""Background tasks (django-tasks; `manage.py db_worker` runs them)."""

from django_tasks import task


@task()
def bulk_export_uitvoeren(export_id: int) -> None:
    from rapporten.services import bulk_export_renderen

    bulk_export_renderen(export_id=export_id)
