"""Validates FHIR R4 resources with an independent implementation (the fhir.resources models).

Reads a JSON array of resources on standard input; prints one line per resource,
`ok RESOURCETYPE` or `invalid RESOURCETYPE: reason`, and exits 1 when any is invalid.
Covizone's tests run it on what the FHIR endpoints write.
"""
import json
import sys

from fhir.resources import get_fhir_model_class


def main() -> int:
    resources = json.load(sys.stdin)
    failed = False
    for resource in resources:
        kind = resource.get("resourceType", "?")
        try:
            get_fhir_model_class(kind).parse_obj(resource)
            print(f"ok {kind}")
        except Exception as error:  # any refusal of the models is a finding
            failed = True
            reason = " ".join(str(error).split())
            print(f"invalid {kind}: {reason}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
