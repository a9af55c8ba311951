"""The words after a duty that may take services out of it or set a condition on them: an exception after the duty
("..., unless it distributes only its own apps", "..., other than a provider that ..."), and a paragraph that finishes
the sentence before it ("..., / unless the model counts as similarly safe", "..., / where the service is large").

Why its own module: the paragraphs chosen as application text (``application_text``) and the openings that read a
duty's subject (``application_intros``) must see the same exceptions; passed over, an exception had been a
confident "applies" for every service it lets out.
"""

from __future__ import annotations

import re

# "... must implement age assurance, other than a provider that distributes only its own apps";
# "..., except where the hosting service is provided only to enterprise customers"
LATE_EXCEPTION = re.compile(r"[,;]\s*(?:other\s+than|except(?:\s+for|\s+where|\s+if|\s+when)?|unless|save(?:\s+(?:for|where)|(?=\s+(?:those|ones)\b))|"
                            r"excluding|but\s+not|apart\s+from|aside\s+from|with\s+the\s+exception\s+of)\b"
                            # only an exception about services ("other than a provider that ...", "except
                            # where the hosting service is ..."); "unless you can show a compelling reason"
                            # qualifies the duty, not whom it is for
                            r"(?=\s+(?:an?\s+|the\s+|any\s+|its\s+)?(?:[\w-]+\s+){0,3}?"
                            r"(?:providers?|services?|signator\w*|those|ones|platforms?|models?)\b"
                            # "..., unless it distributes only apps it has developed itself", "unless it counts as a
                            # similarly safe model": "it" is the reader's service or model (never "unless it is not
                            # technically feasible", "unless it would be disproportionate", "unless it can show ...":
                            # limits of the duty)
                            r"|\s+it\s+(?!(?:would|will|could|can|may|might|must|should|knows?|believes?|considers?|suspects?|"
                            # ("unless it has reason to believe the detection was a false positive": what it knows)
                            r"becomes?|receives?|learns?|determines?|decides?|is\s+aware|is\s+satisfied|"
                            r"ha[sd]\s+(?:good\s+|reasonable\s+)?(?:reason|grounds|cause|evidence))\b"
                            r"|(?:[\w-]+\s+){0,5}?(?:feasible|practicable|possible|proportionate|appropriate|necessary|"
                            r"disproportionate|reasonable|unreasonable|lawful|unlawful|required|impossible|impractical|"
                            r"infeasible|illegal)\b))",
                            re.I)

# "..., unless the provider has already established that the user is an adult": what the provider has done, a limit of
# the duty, not a class of services
PROVIDER_ACTS = re.compile(r"\s+(?:the|its)\s+providers?\s+(?!of\b|that\b|which\b|who\b|whose\b)", re.I)


# "Signatories will give evaluators access to the model, / except where the model counts as similarly safe ...": a
# sentence broken across paragraphs, whose tail takes services out of the duty before it
EXCEPTION_TAIL = re.compile(r"^\s*(?:except|unless|other\s+than|save\s+(?:where|for|if|when|in\s+the\s+case\s+of|those|ones|that)|excluding|"
                            r"but\s+not\s+(?:where|if|when))\b")

# "The provider should test its recommender system ..., / where the service is large, has ...": a condition on the service
CONDITION_TAIL = re.compile(r"^\s*(?:where|if|when|provided\s+that)\s+(?:the|its)\s+(?:[\w-]+\s+){0,2}?(?:service|model|platform)\b", re.I)
# a duty in the passive, which the paragraph that finishes its sentence may follow
PASSIVE_DUTY = re.compile(r"\b(?:is|are)\s+to\s+be\s+\w+(?:ed|en)\b", re.I)  # "External assessments are to be obtained by ..."
# "This measure applies to providers of large services, / and to providers of ...", "... large services / that are at
# high risk of fraud": a paragraph that only carries on the sentence of the one before (which ends without a stop)
CONTINUATION = re.compile(r"^\s*(?:(?:and|or)\s+(?:also\s+)?(?:to|of|for|in\s+respect\s+of)\b|(?:that|which|who|whose|with)\s)")
