# Owns the source text of the two protection-of-children banks (user-to-user PCU, search PCS) used by
# the held-out layout documents. SYNTHETIC SAMPLE text written for this set in its own words,
# following the public structure of the Ofcom codes; it is not official text and quotes none.
from __future__ import annotations

from model import Code, parse_bank

PCU_TITLE = "Protection of Children Code of Practice for user-to-user services"

PCU_SRC = """
C A | Governance and accountability
M A1 | Board oversight of risks to children | Large services
P This measure applies to providers of large services that are likely to be accessed by children.
P The provider's most senior governance body should consider, at least once a year, how the provider manages the risk of harm to children on the service.
F The governance body may delegate the preparation of the review, but not the review itself.
P The body should record what it decided and why.
M A2 | Accountable person for children's safety | 
P This measure applies to a provider in respect of each service it provides that is likely to be accessed by children.
P The provider should name an individual who is accountable to its most senior governance body for compliance with the children's safety duties.
C B | Age assurance
M B1 | Highly effective age assurance for primary priority content | All services that do not prohibit primary priority content
P This measure applies to providers of services that do not prohibit one or more kinds of primary priority content on the service.
P The provider should use highly effective age assurance to prevent children from encountering primary priority content that the service allows.
F Primary priority content includes pornographic content and content that encourages suicide, self-harm or eating disorders.
P The age assurance process should be:
I technically accurate;
I robust against attempts to get round it;
I reliable in operation; and
I fair to users of different ages, sexes and ethnic backgrounds.
P The provider should keep a written record of the age assurance method chosen and the reasons for choosing it.
M B2 | Age assurance before access to the whole service | Services whose principal purpose is hosting primary priority content
P This measure applies to providers of services whose principal purpose is the hosting or dissemination of primary priority content.
P The provider should use highly effective age assurance to establish whether a user is a child before the user can access any part of the service.
P Where a user is found to be a child, the provider should prevent that user from accessing the service, in accordance with PCU B1.
M B3 | Age checks for features that let adults contact children | Services at medium or high risk of grooming
P This measure applies to providers of services at medium or high risk of grooming that allow users to send direct messages.
P The provider should use age assurance to establish whether a user is a child before it allows any user it does not know to be a child to send that user a direct message.
F Age assurance for this purpose need not be highly effective age assurance, but it should be proportionate to the risk.
P Where age assurance is not yet in place, the provider should set children's accounts so that they cannot receive direct messages from accounts they have not connected with.
C C | Content moderation
M C1 | Reviewing content harmful to children | All services
P This measure applies to providers of all user-to-user services likely to be accessed by children.
P The provider should have a content moderation function that allows it to review and assess content it suspects may be content harmful to children.
P When the provider finds that content is content harmful to children, it should take appropriate action to prevent children from encountering it, which may include:
I taking the content down;
I restricting the content so that it is not shown to children; or
I placing the content behind a warning screen, where the content is not primary priority content.
M C2 | Resourcing the moderation function | Large or multi-risk services
P This measure applies to providers of services that are large or multi-risk.
P The provider should give its content moderation function enough resources to meet the performance targets it has set, taking into account peaks in demand.
F Peaks in demand include those caused by news events and by the start of school holidays.
P The provider should record how it decided what resources were enough.
C D | Reporting and complaints
M D1 | Child-friendly reporting tools | All services
P This measure applies to providers of all user-to-user services likely to be accessed by children.
P The provider should make its reporting tools easy for children to find, understand and use.
F Easy to understand means written in plain language that a child of the youngest age permitted on the service can follow.
P The tools should let a child report content without first leaving the part of the service where the content was encountered.
M D2 | Telling children what happens to their reports | All services
P This measure applies to providers of all user-to-user services likely to be accessed by children.
P The provider should tell a child who has made a report:
I that the report has been received;
I what the provider will do next; and
I where the child can find support in the meantime.
M D3 | Reports about content harmful to children | 
P This measure applies to a provider in respect of each service it provides.
P The provider should deal with reports of content harmful to children in accordance with its internal content policies and PCU D1.
M D4 | Recording reports | 
P This measure applies to a provider in respect of each service it provides.
P The provider should record each report it receives, the action it took and the time it took to act.
F Records may be kept in any durable form that allows them to be produced to Ofcom.
M D5 | Reviewing the reporting process | 
P This measure applies to a provider in respect of each service it provides.
P The provider should review, at least once a year, whether its reporting process works well for children, using the records kept in accordance with PCU D4.
C F | Recommender feeds
M F1 | Safer feeds for children | Services with a content recommender system that are at medium or high risk of primary priority content
P This measure applies to providers of services that operate a content recommender system and are at medium or high risk of one or more kinds of primary priority content.
P The provider should design its content recommender system so that content likely to be primary priority content is excluded from the recommender feeds of children.
F Content is likely to be primary priority content where the provider's own signals indicate it, whether or not the content has been reviewed.
P The provider should test the effect of changes to its recommender system on children before making those changes, where it is technically feasible to do so.
P In carrying out that testing, the provider should consider:
I the kinds of content children are shown;
I how often that content is shown; and
I whether any group of children sees more harmful content than others.
C G | User support
M G1 | Support for children who report or are affected | All services
P This measure applies to providers of all user-to-user services likely to be accessed by children.
P The provider should give children information, at the point they report content or block another user, about where they can find support.
P The information should:
I name at least one support service that works with children;
I explain in plain language what the support service does; and
I be available in the languages in which the service is offered.
M G2 | Signposting support for children who search for harmful content | Large services
P This measure applies to providers of large services that allow users to search for user-generated content.
P Where a child searches the service for terms associated with suicide, self-harm or eating disorders, the provider should show the child information about sources of support before showing results.
F The provider should keep its list of terms under review, drawing on the advice of organisations with expertise in the subject.
"""

PCU_GROUPS: dict[str, tuple[str, list[str]]] = {
    "PCU D3-D5": ("Handling, recording and reviewing reports", ["D3", "D4", "D5"]),
}


def pcu() -> Code:
    return parse_bank("PCU", PCU_TITLE, PCU_SRC, PCU_GROUPS)


PCS_TITLE = "Protection of Children Code of Practice for search services"

PCS_SRC = """
C A | Governance and accountability
M A1 | Annual review of risks to children in search | Large general search services
P This measure applies to providers of large general search services that are likely to be accessed by children.
P The provider's most senior governance body should review, at least once a year, how the provider manages the risk that children encounter search content harmful to children.
P The review should be recorded, together with the actions agreed and the person responsible for each.
M A2 | Accountable person | All services
P This measure applies to providers of all search services likely to be accessed by children.
P The provider should name an individual who is accountable to its most senior governance body for compliance with the children's search safety duties.
C B | Search moderation
M B1 | Filtering primary priority content for children | All services
P This measure applies to providers of all search services likely to be accessed by children.
P The provider should filter primary priority content out of the search results shown to users believed to be children, using safe search settings that cannot be switched off by those users.
F A user is believed to be a child where the provider has not established, by age assurance, that the user is an adult.
P The safe search settings should apply to:
I web results;
I image and video results; and
I predictive search suggestions.
M B2 | Downranking priority content | Large general search services or services at medium or high risk of priority content
P This measure applies to providers of large general search services and of search services at medium or high risk of one or more kinds of priority content.
P The provider should give priority content a lower ranking in search results shown to children, unless the content is news publisher content.
F News publisher content is defined in the Online Safety Act 2023; the definition is not repeated here.
P The provider should review its ranking signals at least once every six months to check that they achieve the aim of PCS B1 and of this measure.
M B3 | Crisis prevention information | Large general search services
P This measure applies to providers of large general search services.
P Where a user's search request suggests the user may be looking for content about suicide, self-harm or eating disorders, the provider should show crisis prevention information at the top of the search results.
P The information should:
I give contact details of a support service;
I be written in plain language; and
I be shown without the user having to take any further step.
F Support services include national helplines that are available free of charge and at all hours.
C C | User support and reporting
M C1 | Reporting search content harmful to children | All services
P This measure applies to providers of all search services likely to be accessed by children.
P The provider should let users report search content they consider harmful to children, directly from the search results page.
P The provider should deal with each report in accordance with PCS B1 and PCS B2, and should record the outcome.
M C2 | Complaints about safe search settings | All services
P This measure applies to providers of all search services likely to be accessed by children.
P The provider should let users complain about the operation of its safe search settings and should respond to each complaint within a reasonable time.
M C3 | Explaining safe search settings | All services
P This measure applies to providers of all search services likely to be accessed by children.
P The provider should explain, in its publicly available statement, what its safe search settings do and to whom they apply.
P The explanation should be written so that a child can understand it.
C D | Predictive search
M D1 | Removing harmful predictive suggestions | Large general search services
P This measure applies to providers of large general search services that offer predictive search.
P The provider should not offer predictive search suggestions that direct users who are believed to be children towards primary priority content.
F Suggestions are offered where they are shown to the user before the user has finished typing.
P The provider should give users a way to report a predictive search suggestion that they consider harmful to children.
P When a suggestion is reported, the provider should:
I review it promptly;
I stop offering it where the review confirms that it directs children towards harmful content; and
I record the outcome of the review.
M D2 | Testing changes to predictive search | Large general search services
P This measure applies to providers of large general search services that offer predictive search.
P Before making a significant change to its predictive search, the provider should test whether the change makes it more likely that children are directed towards content harmful to children, where it is proportionate to do so.
P The provider should record the results of the testing and the decision it took in response.
"""

PCS_GROUPS: dict[str, tuple[str, list[str]]] = {}


def pcs() -> Code:
    return parse_bank("PCS", PCS_TITLE, PCS_SRC, PCS_GROUPS)
