"""Word lists shared by the name extractors: words that can never be part of a customer name."""

from __future__ import annotations

from typing import Final


def words(text: str) -> frozenset[str]:
    """A set of whitespace-separated words: keeps long vocabularies readable."""
    return frozenset(text.split())


STOP: Final = words(
    """
    a an the this that these those i me my mine we us our ours you your yours he him his she her
    they them their theirs it its who whom what which someone somebody everyone anyone one
    at on in to for from with w by about re regarding after before via per into over around
    of off up down out than as like until till since during within without re: vs versus
    and or but so then also plus too again just only still yet already finally now today
    yesterday yday tomorrow tmrw tonight morning afternoon evening night noon week weekend
    month quarter year last next ago this eod eom eoq eow eoy asap rn
    prospects leads customers clients contacts decision-makers stakeholders
    mon monday tue tues tuesday wed weds wednesday thu thur thurs thursday fri friday
    sat saturday sun sunday jan january feb february mar march apr april may jun june
    jul july aug august sep sept september oct october nov november dec december
    call calls called calling cold dial dials dialed rang rung phoned phone email emails
    emailed mail mailed meeting meetings mtg mtgs met coffee lunch breakfast dinner drinks
    site visit visits onsite on-site demo demos demoed demo'd walkthrough walkthroughs poc
    kickoff follow-up follow-ups followup followups follow followed voicemail voicemails
    closed close closing closes won win wins lost lose signed sign booked book qualified
    qualification negotiation negotiating legal redlines redline procurement proposal
    proposals quote quotes pricing contract dead went going gone moved move moving stuck
    deal deals opp opps opportunity opportunities pipeline stage is was are were be been
    being has have had having did do does done doing got get gets getting sent send sending
    made make making said say says told tell went go goes loved love liked like wants want
    needs need asked ask agreed agree new old back again no not yes nothing none zero all
    lol lmao haha omg smh pls plz please thx thanks ty tho btw fyi imo nvm ok okay cool nice
    great awesome good bad amazing finally twice thrice once times x2 x3 x4 x5 team teams
    folks guys people crew office account accounts ops about re renewal quick short long
    total log logged logging forgot forget some any many much more most few couple several
    other another same such
    ceo cfo cio cto coo cmo vp svp evp director head manager champion buyer
    it's i'm we're they're that's there here where when why how if because
    ran run runs ended ends started starts went goes dropped dropping broke ran late early
    update updated mark marked set add added create created open opened bump bumped change
    po pos msa sow nda rfp rfi rfq poc
    hit crushed smashed knocked finished completed wrapped scheduled
    """
)
# Stop words that still belong to a capitalised name when another capitalised word follows
# ("New Relic", "Great Lakes Dental", "First Union", "Total Wine", "Quick Lane", "Sun Life",
# "Early Warning"); without them "Total Wine signed" names "Wine".
CAP_OK: Final = words(
    "new good great old first one all best big general united global national american "
    "capital union credit summit apex zoom total quick sun early"
)
# Generic nouns that end a written name without being part of it ("the Sable & Co team").
TRAILING: Final = words(
    "team teams folks guys people crew office offices account deal opp opportunity ops side"
)
# Joiners allowed inside a capitalised name ("Hartley & Sons", "Bank of America").
CONNECTORS: Final = words("& of de del du la le van von y +")
# Words that make a name a company rather than a person.
COMPANY_SUFFIXES: Final = words(
    "inc inc. corp corp. corporation co co. company llc ltd ltd. plc gmbh ag sa sas srl bv nv "
    "group labs lab systems industries partners holdings capital health pharma bank foods "
    "logistics energy tech technologies software solutions services consulting mining realty "
    "marine trading analytics robotics cloud air security credit union learning mutual dental "
    "fitness freight paper toys traders enterprises importers works motors media studios "
    "university college institute school department city state county museum hospital clinic "
    "bancorp insurance brands resort fiber auto"
)
PERSONAL: Final = words(
    "mom mum mother dad father sister brother wife husband kids kid son daughter family "
    "landlord doctor dentist friend friends girlfriend boyfriend grandma grandpa grandmother "
    "grandfather aunt uncle cousin roommate plumber vet therapist babysitter neighbor "
    "neighbour mechanic parents partner fiance fiancee bff hairdresser barber manager boss "
    "coworker coworkers colleague colleagues teammate teammates mentor recruiter"
)
