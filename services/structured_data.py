"""schema.org descriptions (JSON-LD) of services and offices, for search engines and apps.

GovernmentService and GovernmentOffice, with the address, the opening hours and the online
channel; rendered by the ``json_ld`` template filter.
"""

from django.conf import settings

from services.models import Office, Service

PROVIDER = {
    "@type": "GovernmentOrganization",
    "name": "Landeshauptstadt München",
    "url": "https://www.muenchen.de",
}
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def office_data(office: Office, *, with_context: bool = True) -> dict:
    data = {
        "@type": "GovernmentOffice",
        "name": office.name,
        "url": absolute(office.get_absolute_url()),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": office.street,
            "postalCode": office.postal_code,
            "addressLocality": office.city,
            "addressCountry": "DE",
        },
    }
    if with_context:
        data = {"@context": "https://schema.org", **data}
    if office.phone:
        data["telephone"] = office.phone
    if office.email:
        data["email"] = office.email
    if office.latitude is not None and office.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(office.latitude),
            "longitude": float(office.longitude),
        }
    schedule = getattr(office, "schedule", None)
    if schedule is not None:
        specs = [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": f"https://schema.org/{DAYS[day]}",
                "opens": f"{interval.opens:%H:%M}",
                "closes": f"{interval.closes:%H:%M}",
            }
            for day, intervals in schedule.week()
            for interval in intervals
        ]
        if specs:
            data["openingHoursSpecification"] = specs
        special = []
        for exception in schedule.upcoming_exceptions():
            day = exception.date.isoformat()
            if exception.closed:
                special.append(
                    {
                        "@type": "OpeningHoursSpecification",
                        "validFrom": day,
                        "validThrough": day,
                        "opens": "00:00",
                        "closes": "00:00",
                    }
                )
            for interval in exception.intervals:
                special.append(
                    {
                        "@type": "OpeningHoursSpecification",
                        "validFrom": day,
                        "validThrough": day,
                        "opens": f"{interval.opens:%H:%M}",
                        "closes": f"{interval.closes:%H:%M}",
                    }
                )
        if special:
            data["specialOpeningHoursSpecification"] = special
    features = [
        {"@type": "LocationFeatureSpecification", "name": str(label), "value": value}
        for _name, label, value in office.accessibility_features
        if value is not None
    ]
    if features:
        data["amenityFeature"] = features
    return data


def service_data(service: Service) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": service.name,
        "url": absolute(service.get_absolute_url()),
        "provider": PROVIDER,
        "areaServed": {"@type": "City", "name": "München"},
    }
    if service.short_text:
        data["description"] = service.short_text
    if service.leika_key:
        data["identifier"] = service.leika_key
    if service.synonym_list:
        data["alternateName"] = service.synonym_list
    channels = []
    if service.online_url:
        url = service.online_url
        channels.append(
            {"@type": "ServiceChannel", "serviceUrl": absolute(url) if url.startswith("/") else url}
        )
    offices = list(service.offices.all())
    if offices:
        channels.append(
            {
                "@type": "ServiceChannel",
                "serviceLocation": [office_data(office, with_context=False) for office in offices],
            }
        )
    if channels:
        data["availableChannel"] = channels
    return data
